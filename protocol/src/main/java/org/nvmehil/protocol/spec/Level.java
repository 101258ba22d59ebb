package org.nvmehil.protocol.spec;

/** Requirement strength, as the source document words it (SHALL NOT counts as SHALL). */
public enum Level {
    /** A violation fails the DUT. */
    SHALL,
    /** A violation is reported as advisory and does not fail the DUT. */
    SHOULD,
    /** Optional behaviour; checked only when the DUT claims it. */
    MAY
}
