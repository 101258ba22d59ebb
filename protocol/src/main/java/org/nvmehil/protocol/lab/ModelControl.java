package org.nvmehil.protocol.lab;

import java.time.Duration;
import java.util.List;
import org.nvmehil.protocol.fault.FaultRule;

/**
 * The reference model's test hooks, reached by fixtures through {@code link instanceof ModelControl}
 * so that nothing compiles against model classes. Hardware links do not implement it.
 */
public interface ModelControl {

    /** Arms a fault until {@link #reset()} or {@link #disarmAll()}. */
    void arm(FaultRule rule);

    void disarmAll();

    /** Model events since the last {@link #reset()}, oldest first. */
    List<ModelEvent> events();

    /** Model time now (virtual: it advances only when a wait would otherwise pass). */
    Duration now();

    /**
     * Overrides the timing personality (lab-config {@code model.personality.responseLatency},
     * {@code mprResponses}, {@code mprt}) until {@link #reset()}: a legal variation a test needs, not a fault.
     */
    void setTiming(Duration responseLatency, int mprResponses, Duration mprt);

    /**
     * Back to the power-on state: transmission unit 64, EIDs and configuration from lab-config, health
     * flags, slots idle, faults disarmed, events cleared. Model time keeps running.
     */
    void reset();
}
