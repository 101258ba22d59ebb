package org.nvmehil.protocol.mctp.control;

/**
 * MCTP control completion codes (DSP0236 §11, completion code table). Byte 3 of every control
 * response; kept as a plain {@code int} so any value stays representable. 80h–FFh are
 * command-specific (e.g. {@link GetMctpVersionSupport#MESSAGE_TYPE_NOT_SUPPORTED}).
 */
public final class CompletionCode {
    public static final int SUCCESS = 0x00;
    /** Generic failure; a more specific code should be used where one fits. */
    public static final int ERROR = 0x01;
    public static final int ERROR_INVALID_DATA = 0x02;
    public static final int ERROR_INVALID_LENGTH = 0x03;
    /** Transient: the request may succeed later. */
    public static final int ERROR_NOT_READY = 0x04;
    public static final int ERROR_UNSUPPORTED_CMD = 0x05;
    /** First command-specific code. */
    public static final int COMMAND_SPECIFIC_FIRST = 0x80;

    private CompletionCode() {
    }

    /** A readable name for traces, e.g. {@code ERROR_INVALID_DATA (02h)}. */
    public static String describe(int cc) {
        String name = switch (cc) {
            case SUCCESS -> "SUCCESS";
            case ERROR -> "ERROR";
            case ERROR_INVALID_DATA -> "ERROR_INVALID_DATA";
            case ERROR_INVALID_LENGTH -> "ERROR_INVALID_LENGTH";
            case ERROR_NOT_READY -> "ERROR_NOT_READY";
            case ERROR_UNSUPPORTED_CMD -> "ERROR_UNSUPPORTED_CMD";
            default -> cc >= COMMAND_SPECIFIC_FIRST ? "command-specific" : "reserved";
        };
        return String.format("%s (%02Xh)", name, cc);
    }
}
