/**
 * The reference model's NVM subsystem, in the spirit of nvme-mi-dev: {@link
 * org.nvmehil.model.topology.Subsystem} built from lab-config, its {@link org.nvmehil.model.topology.Port
 * ports} (PCIe and two-wire), {@link org.nvmehil.model.topology.Controller controllers} with their health
 * values and changed flags, {@link org.nvmehil.model.topology.Namespace namespaces} and the {@link
 * org.nvmehil.model.topology.Vpd VPD} ({@link org.nvmehil.model.topology.FruImage IPMI FRU} image).
 * Everything here is mutable model state that the management endpoint reports and that tests and faults
 * may change; no I/O, no clock.
 */
package org.nvmehil.model.topology;
