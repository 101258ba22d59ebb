package org.nvmehil.protocol.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultSpecTest {

    @Test
    void namesWithAndWithoutArguments() {
        assertEquals(new Fault.CorruptPec(), FaultSpec.parse("CorruptPec"));
        assertEquals(new Fault.CorruptPec(), FaultSpec.parse(" CorruptPec() "));
        assertEquals(new Fault.WrongByteCount(-1), FaultSpec.parse("WrongByteCount(-1)"));
        assertEquals(new Fault.CorruptField(15, 1), FaultSpec.parse("CorruptField(15, 0x01)"));
        assertEquals(new Fault.LateResponse(Duration.ofMillis(200)), FaultSpec.parse("LateResponse(200ms)"));
    }

    @Test
    void everyMistakeSaysHowToWriteIt() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("CorruptPek"));
        assertTrue(unknown.getMessage().contains("CorruptPec"), "lists the known faults: " + unknown.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("WrongByteCount"));
        assertTrue(count.getMessage().contains("WrongByteCount(int delta)"), count.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("LateResponse(2)"));
        assertTrue(type.getMessage().contains("Duration"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("WrongByteCount(1"));
    }

    @Test
    void everyFaultWithoutArgumentsParsesByItsName() {
        for (Class<?> c : Fault.class.getPermittedSubclasses()) {
            if (c.getRecordComponents().length == 0) {
                assertEquals(c, FaultSpec.parse(c.getSimpleName()).getClass());
            }
        }
    }

    @Test
    void dyingParsesAndRefusesNonsenseWithTheRule() {
        assertEquals(new Dying.Silent(300, 0), FaultSpec.parseDying("Silent(300, 0)"));
        assertEquals(new Dying.CloseTcp(40), FaultSpec.parseDying("CloseTcp(40)"));
        assertEquals("Silent(at=300, units=0)", new Dying.Silent(300, 0).label());
        IllegalArgumentException at = assertThrows(IllegalArgumentException.class, () -> FaultSpec.parseDying("Reset(0)"));
        assertTrue(at.getMessage().contains("at must be 1 or more") && at.getMessage().contains("Reset(int at)"),
                at.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FaultSpec.parseDying("CorruptPec"));
        assertTrue(unknown.getMessage().contains("no way to die named 'CorruptPec'")
                && unknown.getMessage().contains("Unplug"), unknown.getMessage());
    }
}
