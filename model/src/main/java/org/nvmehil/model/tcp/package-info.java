/**
 * The reference NVMe/TCP target (NVMe/TCP 1.0, Base 2.2 §3.3, §3.9, §6): one NVM subsystem with the identity
 * and namespace sizes of the NVMe-MI model's {@link org.nvmehil.model.topology.Subsystem}, plus the discovery
 * subsystem. It follows the specifications where Linux nvmet deviates (facts sheet §12): C2HTermReq with FES,
 * FEI and the offending header before closing on every fatal error, data digest errors non-fatal (Transient
 * Transport Error), CAP.CQR = 1, Command Sequence Error for a second Connect and on disabled controllers, R2Ts
 * up to MAXR2T.
 *
 * <ul>
 *   <li>{@link org.nvmehil.model.tcp.TcpTarget} and {@link org.nvmehil.model.tcp.TcpConnection}: pure state
 *       machines (bytes in at a given time, PDUs out, a close flag); controllers
 *       ({@code FabricsController}), Fabrics, Admin and I/O command handlers and the sparse namespace store
 *       are package-private parts of them;</li>
 *   <li>{@link org.nvmehil.model.tcp.TcpTargetConfig}: the legal choices (limits, digests, keep alive style,
 *       advertised address, allowed hosts) — faults are {@link org.nvmehil.protocol.fault.Fault}s of layer
 *       TCP, armed through {@link org.nvmehil.protocol.lab.ModelControl};</li>
 *   <li>{@link org.nvmehil.model.tcp.TcpTargetServer}: the socket shell (loopback, a thread per connection);
 *       {@link org.nvmehil.model.tcp.TcpTargetLink}: the model driver's NVMe/TCP {@link
 *       org.nvmehil.protocol.lab.Link}, a real loopback socket to it.</li>
 * </ul>
 */
package org.nvmehil.model.tcp;
