package org.nvmehil.protocol.mi;

import static org.nvmehil.protocol.mi.Findings.checkBits;

import java.util.Optional;
import org.nvmehil.protocol.wire.Bytes;
import org.nvmehil.protocol.wire.LeReader;
import org.nvmehil.protocol.wire.LeWriter;

/**
 * Control primitive request (NMIMT 0; MI 1.2 §4.2.1; facts §7.1): CPO (byte 4), TAG (5), CPSP (6-7,
 * LE), MIC. 12 bytes with the MIC. CSI names the slot a primitive acts on; Pause must use CSI 0.
 */
public record ControlPrimitive(MiHeader header, int cpo, int tag, int cpsp) implements MiRequest {

    public static final int SIZE = 8;
    /** Message offset of CPSP (CESF bit 0, RRO bits 7:0). */
    public static final int CPSP_OFFSET = 6;

    public ControlPrimitive {
        if (header == null) {
            throw new NullPointerException("header");
        }
        checkBits("cpo", cpo, 8);
        checkBits("tag", tag, 8);
        checkBits("cpsp", cpsp, 16);
    }

    private static MiHeader slot(int csi) {
        return MiHeader.request(Nmimt.CONTROL_PRIMITIVE, csi);
    }

    /** Pause, always on CSI 0. */
    public static ControlPrimitive pause(int tag) {
        return new ControlPrimitive(slot(0), Cpo.PAUSE.code, tag, 0);
    }

    public static ControlPrimitive resume(int tag) {
        return new ControlPrimitive(slot(0), Cpo.RESUME.code, tag, 0);
    }

    public static ControlPrimitive abort(int csi, int tag) {
        return new ControlPrimitive(slot(csi), Cpo.ABORT.code, tag, 0);
    }

    /** Get State; {@code cesf} clears the error flags (MES bits 14:3) after reporting. */
    public static ControlPrimitive getState(int csi, int tag, boolean cesf) {
        return new ControlPrimitive(slot(csi), Cpo.GET_STATE.code, tag, cesf ? 1 : 0);
    }

    /** Replay from packet {@code rro} (0-based) of the slot's last response. */
    public static ControlPrimitive replay(int csi, int tag, int rro) {
        checkBits("rro", rro, 8);
        return new ControlPrimitive(slot(csi), Cpo.REPLAY.code, tag, rro);
    }

    public Optional<Cpo> cpoValue() {
        return Cpo.of(cpo);
    }

    /** Get State: clear error state flags (CPSP bit 0). */
    public boolean cesf() {
        return (cpsp & 1) != 0;
    }

    /** Replay: response replay offset (CPSP bits 7:0). */
    public int rro() {
        return cpsp & 0xFF;
    }

    public ControlPrimitive withHeader(MiHeader h) {
        return new ControlPrimitive(h, cpo, tag, cpsp);
    }

    @Override
    public Bytes content() {
        return new LeWriter().bytes(header.encode()).u8(cpo).u8(tag).u16(cpsp).build();
    }

    /** Maps any message onto this layout without judging it (missing bytes read as zero). */
    public static ControlPrimitive fromMessage(MiMessage m) {
        LeReader r = new LeReader(m.content(), 4);
        return new ControlPrimitive(m.header(), r.u8(), r.u8(), r.u16());
    }
}
