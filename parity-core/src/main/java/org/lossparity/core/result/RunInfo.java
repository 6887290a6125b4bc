package org.lossparity.core.result;

import java.time.Instant;

/**
 * The one block that differs between two runs of the same command: when, with which tool build, where.
 *
 * @param toolVersion lossparity version
 * @param timestamp   when the run started (UTC)
 * @param environment JVM, OS, CPU, cores
 */
public record RunInfo(String toolVersion, Instant timestamp, Environment environment) {}
