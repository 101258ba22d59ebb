package org.nvmehil.model.fault;

import org.nvmehil.protocol.fault.FaultRule.Match;

/**
 * What a {@link Match} is tested against: the exchange a fault would act on. {@link RequestKey} for NVMe-MI and
 * MCTP requests, {@link org.nvmehil.model.tcp.TcpKey} for the NVMe/TCP target.
 */
public interface FaultKey {

    boolean matches(Match m);
}
