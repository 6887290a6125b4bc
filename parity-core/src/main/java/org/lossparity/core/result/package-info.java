/**
 * The result of a parity run as immutable records: the single model that the runner produces, the JSON report
 * writes and reads back, the HTML report renders and the JUnit parity suite asserts on.
 *
 * <h2>Shape</h2>
 * <pre>
 * {@link org.lossparity.core.result.ParityRun}
 *   info: {@link org.lossparity.core.result.RunInfo} (tool version, timestamp, {@link org.lossparity.core.result.Environment})
 *         -- the ONLY part that differs between two runs of the same command on the same machine
 *   settings: {@link org.lossparity.core.result.RunSettings} (fixtures directory, engine selection, loss filter)
 *   engines: [{@link org.lossparity.core.result.EngineStatus}] (name, available or reason, EngineIdentity), sorted by name
 *   cases: [{@link org.lossparity.core.result.CaseResult}] sorted by file then pointer
 *     ref: {@link org.lossparity.core.result.CaseRef} (file, pointer, id, label, display name, spec, tolerance)
 *     inputs: name -> {@link org.lossparity.core.result.TensorData} (possibly truncated preview)
 *     expected: optional {@link org.lossparity.core.result.ExpectedData} (hand-verified values and their source)
 *     evaluations: [{@link org.lossparity.core.result.Evaluation}] one per engine (the reference once per convention)
 *     comparisons: [{@link org.lossparity.core.result.Comparison}] kind, quantity, verdict, errors, explanation
 *   loadProblems: [{@link org.lossparity.core.result.LoadProblem}] fixtures that failed to load (file + JSON pointer)
 *   divergences: [{@link org.lossparity.core.result.DivergenceRule}] the catalogue used (fixtures/divergences.json)
 *   knownDefects: [{@link org.lossparity.core.result.KnownDefect}] the list used (fixtures/known-defects.json)
 * </pre>
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li>Numbers are doubles holding values exact in the dtype they belong to; print them with
 *       {@link org.lossparity.core.tensor.Numbers#format} and the dtype given next to them.</li>
 *   <li>Absent things are {@link java.util.Optional}; collections are never null and are unmodifiable.</li>
 *   <li>Ordering is deterministic everywhere, so the JSON report is stable.</li>
 *   <li>Only additive changes are made to these records once published (new components go last).</li>
 * </ul>
 */
package org.lossparity.core.result;
