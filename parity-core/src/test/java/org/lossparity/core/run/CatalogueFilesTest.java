package org.lossparity.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.KnownDefect;
import org.lossparity.core.spec.LossKind;

class CatalogueFilesTest {

    private static Path repoFile(String name) {
        String root = System.getProperty("lossparity.repo.root", "..");
        return Path.of(root, "fixtures", name);
    }

    @Test
    void theRepositoryCatalogueIsWellFormedAndEveryDetectorExists() throws IOException {
        List<DivergenceRule> rules;
        try (InputStream in = Files.newInputStream(repoFile("divergences.json"))) {
            rules = CatalogueFiles.readDivergences(in, "divergences.json");
        }
        assertTrue(rules.size() >= 8, "catalogue has " + rules.size() + " rules");
        Set<String> ids = new HashSet<>();
        for (DivergenceRule r : rules) {
            assertTrue(ids.add(r.id()), "duplicate id " + r.id());
            assertTrue(DivergenceDetectors.known(r.detector()), r.id() + ": unknown detector " + r.detector());
            assertFalse(r.pytorch().isBlank() || r.keras().isBlank() || r.condition().isBlank()
                    || r.fixtureLabel().isBlank(), r.id() + " lacks a formula, condition or fixture");
            for (String loss : r.losses()) {
                LossKind.fromId(loss);
            }
        }
        // The runner accepts it as a whole.
        new ParityRunner(java.util.Map.of(), List.of(), rules, List.of());
    }

    @Test
    void knownDefectsParseWithTheirMatchBlock() throws IOException {
        String json = """
                {"defects":[{"id":"d1","engine":"djl","loss":"bce_with_logits",
                  "match":{"reduction":"mean","dtype":"float64","caseLabel":"large-.*","quantity":"gradient:prediction"},
                  "djlClass":"ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss","parameters":{"fromSigmoid":false},
                  "computesInstead":"something else","fixture":"data/bce_with_logits.json"}]}""";
        List<KnownDefect> d = CatalogueFiles.readKnownDefects(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "k.json");
        assertEquals(1, d.size());
        assertEquals("gradient:prediction", d.get(0).quantity());
        assertEquals("large-.*", d.get(0).caseLabel().orElseThrow());
        assertEquals("{\"fromSigmoid\":false}", d.get(0).parameters());
        Path real = repoFile("known-defects.json");
        if (Files.exists(real)) {
            try (InputStream in = Files.newInputStream(real)) {
                CatalogueFiles.readKnownDefects(in, real.toString());
            }
        }
    }

    @Test
    void errorsNameTheFileAndPointer() {
        IOException e = assertThrows(IOException.class, () -> CatalogueFiles.readDivergences(
                new ByteArrayInputStream("{\"divergences\":[{\"id\":\"x\"}]}".getBytes(StandardCharsets.UTF_8)), "d.json"));
        assertEquals("d.json: /divergences/0/title: missing or not a string", e.getMessage());
        IOException bad = assertThrows(IOException.class, () -> CatalogueFiles.readKnownDefects(new ByteArrayInputStream(
                "{\"defects\":[{\"id\":\"a\",\"engine\":\"djl\",\"loss\":\"mse\",\"match\":{\"caseLabel\":\"(\"}}]}"
                        .getBytes(StandardCharsets.UTF_8)), "k.json"));
        assertTrue(bad.getMessage().startsWith("k.json: /defects/0/match/caseLabel: not a regular expression"), bad.getMessage());
    }

    @Test
    void anUnknownDetectorIsRejected() {
        DivergenceRule r = new DivergenceRule("x", "t", List.of(), "a", "b", "c", "f", "no-such-detector");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParityRunner(java.util.Map.of(), List.of(), List.of(r), List.of()));
        assertTrue(e.getMessage().contains("no-such-detector"));
    }
}
