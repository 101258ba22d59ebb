package org.nvmehil.model.support;

import java.util.ArrayList;
import java.util.List;
import org.nvmehil.model.mi.MiHandler;
import org.nvmehil.model.mi.MiOutcome;
import org.nvmehil.protocol.mi.MiHeader;
import org.nvmehil.protocol.mi.MiMessage;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * A stand-in Management Endpoint for MCTP-layer tests: drops IC = 0, ROR = 1 and bad-MIC requests like an ME,
 * and answers everything else with a sealed Success response (ROR set, NMIMT and CSI echoed) carrying
 * {@link #dataLength} bytes of pattern data, plus whatever {@link #nextEffects} holds (used once).
 */
public final class EchoMi implements MiHandler {
    public int dataLength;
    public MiOutcome.Effect[] nextEffects = new MiOutcome.Effect[0];
    /** When true the next request gets no response and no drop (like an NVM Subsystem Reset). */
    public boolean nextSilent;
    public final List<Bytes> handled = new ArrayList<>();
    public int resets;

    @Override
    public MiOutcome handle(Bytes message) {
        handled.add(message);
        MiMessage m = MiMessage.decode(message).value().orElse(null);
        if (m == null) {
            return MiOutcome.drop("too short");
        }
        if (!m.header().ic()) {
            return MiOutcome.drop("IC = 0");
        }
        if (m.header().ror()) {
            return MiOutcome.drop("ROR = 1");
        }
        if (!m.micValid()) {
            return MiOutcome.drop("bad MIC");
        }
        MiOutcome.Effect[] effects = nextEffects;
        nextEffects = new MiOutcome.Effect[0];
        if (nextSilent) {
            nextSilent = false;
            return MiOutcome.silent(effects);
        }
        return MiOutcome.respond(response(m.header(), dataLength), effects);
    }

    /** The response this handler sends to a request with {@code request} header. */
    public static Bytes response(MiHeader request, int dataLength) {
        LeWriter w = new LeWriter().bytes(MiHeader.responseTo(request).encode()).u8(0).u8(0).u16(0);
        for (int i = 0; i < dataLength; i++) {
            w.u8(i * 7 + 1);
        }
        return MiMessage.seal(w.build()).toWire();
    }

    @Override
    public void reset() {
        resets++;
    }
}
