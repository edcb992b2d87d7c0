package dev.tflm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Int8Peak}: a figure for every x86 level this CPU has, none for the others. */
class Int8PeakTest {

    @Test
    void everyLevelTheCpuHasHasAPeakAndWiderInstructionsDoMoreMacs() {
        Isa cpu = Interpreter.cpuIsa();
        for (Isa level : new Isa[] {Isa.AVX2, Isa.AVX512, Isa.AVX512_VNNI}) {
            Optional<Int8Peak> peak = Int8Peak.measure(level);
            assertEquals(cpu.includes(level) && cpu != Isa.SCALAR, peak.isPresent(), level + " on " + cpu);
            peak.ifPresent(p -> {
                assertTrue(p.gmacsPerSecond() > 0, p.toString());
                assertEquals(switch (level) {
                    case AVX2 -> 16;
                    case AVX512 -> 32;
                    default -> 64;
                }, p.macsPerInstruction());
                assertEquals(50.0, p.percentOf(p.gmacsPerSecond() / 2), 1e-9);
            });
        }
    }

    @Test
    void levelsWithoutAnInt8InstructionHaveNone() {
        for (Isa level : new Isa[] {Isa.BEST, Isa.SCALAR, Isa.ARM_DSP, Isa.ARM_MVE}) {
            assertTrue(Int8Peak.measure(level).isEmpty(), level.toString());
        }
    }
}
