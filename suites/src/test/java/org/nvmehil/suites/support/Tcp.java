package org.nvmehil.suites.support;

import java.time.Duration;
import java.util.Optional;
import org.nvmehil.fixtures.spec.ConformanceFailure;
import org.nvmehil.fixtures.tcp.Received;
import org.nvmehil.fixtures.tcp.TcpConnection;
import org.nvmehil.protocol.spec.Req;
import org.nvmehil.protocol.tcp.C2HTermReq;
import org.nvmehil.protocol.tcp.Fes;
import org.nvmehil.protocol.wire.Bytes;

/** NVMe/TCP steps shared by the TCP suites. */
public final class Tcp {
    private Tcp() {
    }

    /**
     * After a fatal transport error the controller must end the connection (citing {@code rule}) after a
     * C2HTermReq (TCP_FATAL_C2HTERMREQ) with {@code fes} and, when given, {@code fei}.
     */
    public static C2HTermReq expectTermination(TcpConnection c, Req rule, Fes fes, Optional<Long> fei, Bytes offending) {
        Duration wait = c.timing().tcpIoTimeout();
        Duration deadline = c.time().now().plus(wait);
        while (!c.peerClosed() && c.c2hTermReq().isEmpty() && c.time().now().compareTo(deadline) < 0) {
            c.receive(deadline.minus(c.time().now()));
        }
        Optional<C2HTermReq> t = c.c2hTermReq();
        if (t.isEmpty() && !c.peerClosed()) {
            throw new ConformanceFailure(rule, "the connection stayed open for " + wait.toMillis()
                    + " ms after the fatal error, with no C2HTermReq", offending);
        }
        if (t.isEmpty()) {
            throw new ConformanceFailure(Req.TCP_FATAL_C2HTERMREQ,
                    "the controller closed the connection without sending a C2HTermReq first", offending);
        }
        Bytes termEvidence = c.termReqPdu().map(Received::raw).orElse(offending);
        if (t.get().fes() != fes.code) {
            throw new ConformanceFailure(Req.TCP_TERMREQ_FES, String.format("C2HTermReq FES %02Xh, expected %02Xh (%s)",
                    t.get().fes(), fes.code, fes), termEvidence);
        }
        if (fei.isPresent() && t.get().fei() != fei.get()) {
            throw new ConformanceFailure(Req.TCP_TERMREQ_FES, "C2HTermReq FEI " + t.get().fei() + ", expected " + fei.get()
                    + " (the offset of the bad field)", termEvidence);
        }
        return t.get();
    }
}
