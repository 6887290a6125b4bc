package org.lossparity.core.result;

/**
 * A fixture (or part of one) that could not be loaded; the run goes on without it and fails at the end.
 *
 * @param file    fixture file, relative to the fixtures directory
 * @param pointer JSON pointer of the offending field ("" for the whole file)
 * @param message what is wrong
 */
public record LoadProblem(String file, String pointer, String message) {}
