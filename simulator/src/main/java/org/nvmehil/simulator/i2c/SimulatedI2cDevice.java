package org.nvmehil.simulator.i2c;

import com.diozero.api.I2CDevice;
import com.diozero.api.I2CDeviceInterface;
import com.diozero.api.RuntimeIOException;
import com.diozero.internal.spi.AbstractDevice;
import com.diozero.internal.spi.DeviceFactoryInterface;
import com.diozero.internal.spi.InternalI2CDeviceInterface;

/**
 * SIMULATED BUS. The controller side of one address on a {@link SimulatedI2cBus}, as diozero's SPI sees a device:
 * the raw transfers the {@code linux-i2c} driver makes ({@code writeBytes}, an I2C_RDWR write-then-read) go to the
 * bus. SMBus helper calls are not simulated (the driver does not use them: diozero's native block helpers stop at
 * 32 bytes), and say so.
 */
final class SimulatedI2cDevice extends AbstractDevice implements InternalI2CDeviceInterface {
    private final SimulatedI2cBus bus;
    private final int controller;
    private final int address;

    SimulatedI2cDevice(String key, DeviceFactoryInterface factory, int controller, int address) {
        super(key, factory);
        this.bus = SimulatedI2cBus.controller(controller);
        this.controller = controller;
        this.address = address;
    }

    @Override
    public void writeBytes(byte... data) {
        bus.write(address, data);
    }

    /** Supports the one shape a repeated-start read has: a write message, then a read message. */
    @Override
    public void readWrite(I2CDeviceInterface.I2CMessage[] messages, byte[] buffer) {
        if (messages.length != 2 || !messages[0].isWrite() || !messages[1].isRead()) {
            throw unsupported("I2C_RDWR other than write-then-read");
        }
        int w = messages[0].getLength();
        byte[] written = java.util.Arrays.copyOf(buffer, w);
        byte[] read = bus.writeRead(address, written, messages[1].getLength()).toArray();
        System.arraycopy(read, 0, buffer, w, Math.min(read.length, buffer.length - w));
    }

    @Override
    public int readBytes(byte[] buffer) {
        throw unsupported("a plain read");
    }

    @Override
    public int getController() {
        return controller;
    }

    @Override
    public int getAddress() {
        return address;
    }

    @Override
    public boolean probe(I2CDevice.ProbeMode mode) {
        throw unsupported("probe");
    }

    @Override
    public void writeQuick(byte bit) {
        throw unsupported("writeQuick");
    }

    @Override
    public byte readByte() {
        throw unsupported("readByte");
    }

    @Override
    public void writeByte(byte b) {
        throw unsupported("writeByte");
    }

    @Override
    public byte readByteData(int register) {
        throw unsupported("readByteData");
    }

    @Override
    public void writeByteData(int register, byte b) {
        throw unsupported("writeByteData");
    }

    @Override
    public short readWordData(int register) {
        throw unsupported("readWordData");
    }

    @Override
    public void writeWordData(int register, short s) {
        throw unsupported("writeWordData");
    }

    @Override
    public short processCall(int register, short s) {
        throw unsupported("processCall");
    }

    @Override
    public byte[] readBlockData(int register) {
        throw unsupported("readBlockData");
    }

    @Override
    public void writeBlockData(int register, byte... data) {
        throw unsupported("writeBlockData");
    }

    @Override
    public byte[] blockProcessCall(int register, byte... data) {
        throw unsupported("blockProcessCall");
    }

    @Override
    public int readI2CBlockData(int register, byte[] buffer) {
        throw unsupported("readI2CBlockData");
    }

    @Override
    public void writeI2CBlockData(int register, byte... data) {
        throw unsupported("writeI2CBlockData");
    }

    @Override
    protected void closeDevice() {
        // nothing held: the bus outlives its devices
    }

    private static RuntimeIOException unsupported(String what) {
        return new RuntimeIOException("simulated bus: " + what + " is not simulated (linux-i2c uses raw transfers only)");
    }
}
