package org.lossparity.core.engine;

/**
 * Service-provider interface, discovered with {@link java.util.ServiceLoader}: a cheap, stateless factory that
 * names an engine and creates it. Loading native libraries happens in {@link #create}, never in the
 * constructor, so that a broken engine cannot stop discovery of the others.
 */
public interface LossEngineProvider {

    /** Short stable name used on the command line and in reports, e.g. {@code pytorch}, {@code tensorflow}. */
    String name();

    /** One line for listings. */
    String description();

    /**
     * Creates the engine.
     *
     * @throws EngineUnavailableException with what was looked for and where, when the engine cannot start here
     */
    LossEngine create(EngineConfig config) throws EngineUnavailableException;
}
