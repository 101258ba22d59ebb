package org.nvmehil.protocol.spec;

/** The documents requirements come from, with the version our registry was written against. */
public enum Doc {
    DSP0236("DMTF DSP0236 MCTP Base Specification", "1.3.1",
            "https://www.dmtf.org/sites/default/files/standards/documents/DSP0236_1.3.1.pdf"),
    DSP0237("DMTF DSP0237 MCTP SMBus/I2C Transport Binding", "1.1.0",
            "https://www.dmtf.org/sites/default/files/standards/documents/DSP0237_1.1.0.pdf"),
    DSP0253("DMTF DSP0253 MCTP Serial Transport Binding", "1.0.0",
            "https://www.dmtf.org/sites/default/files/standards/documents/DSP0253_1.0.0.pdf"),
    NVME_MI("NVM Express Management Interface", "1.2",
            "https://nvmexpress.org/specifications/"),
    NVME_BASE("NVM Express Base Specification", "2.0",
            "https://nvmexpress.org/specifications/"),
    /** Base 2.2, for the NVMe over Fabrics rules (Fabrics commands, properties, keep alive, discovery). */
    NVME_BASE_2_2("NVM Express Base Specification", "2.2",
            "https://nvmexpress.org/specifications/"),
    NVME_TCP("NVM Express TCP Transport Specification", "1.0",
            "https://nvmexpress.org/specifications/");

    public final String title;
    public final String version;
    public final String url;

    Doc(String title, String version, String url) {
        this.title = title;
        this.version = version;
        this.url = url;
    }

    /** Short name used in citations and as the Allure epic, e.g. {@code NVMe-MI 1.2}. */
    public String shortName() {
        return switch (this) {
            case DSP0236, DSP0237, DSP0253 -> name() + " " + version;
            case NVME_MI -> "NVMe-MI " + version;
            case NVME_BASE, NVME_BASE_2_2 -> "NVMe Base " + version;
            case NVME_TCP -> "NVMe/TCP " + version;
        };
    }
}
