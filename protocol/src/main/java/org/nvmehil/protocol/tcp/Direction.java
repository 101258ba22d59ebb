package org.nvmehil.protocol.tcp;

/** Which way a PDU travels: bit 0 of its PDU type (NVMe/TCP 1.0 §3.3, Fig. 10). */
public enum Direction {
    /** Host to controller: type bit 0 is 0. */
    H2C,
    /** Controller to host: type bit 0 is 1. */
    C2H;

    /** The direction a PDU type code encodes, reserved codes included. */
    public static Direction ofType(int pduType) {
        return (pduType & 1) == 0 ? H2C : C2H;
    }

    /** Who sends PDUs of this direction, for messages. */
    public String sender() {
        return this == H2C ? "host" : "controller";
    }
}
