package org.lossparity.core.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lossparity.core.result.DivergenceRule;
import org.lossparity.core.result.KnownDefect;

/**
 * Reads the two data files the runner classifies with: the divergence catalogue ({@code fixtures/divergences.json})
 * and the known engine defects ({@code fixtures/known-defects.json}). Errors name the file and the JSON pointer.
 */
public final class CatalogueFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogueFiles() {}

    /** {@code {"divergences":[{id,title,losses,pytorch,keras,condition,fixtureLabel,detector}]}}. */
    public static List<DivergenceRule> readDivergences(InputStream in, String name) throws IOException {
        JsonNode root = JSON.readTree(in);
        JsonNode list = root.path("divergences");
        if (!list.isArray()) {
            throw new IOException(name + ": /divergences must be an array");
        }
        List<DivergenceRule> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = name + ": /divergences/" + i;
            List<String> losses = new ArrayList<>();
            n.path("losses").forEach(l -> losses.add(l.asText()));
            out.add(new DivergenceRule(text(n, "id", at), text(n, "title", at), losses, text(n, "pytorch", at),
                    text(n, "keras", at), text(n, "condition", at), text(n, "fixtureLabel", at),
                    text(n, "detector", at)));
        }
        return out;
    }

    /**
     * {@code {"defects":[{id, engine, loss, match:{reduction, dtype, caseLabel, quantity}, djlClass, parameters,
     * computesInstead, fixture}]}}.
     */
    public static List<KnownDefect> readKnownDefects(InputStream in, String name) throws IOException {
        JsonNode root = JSON.readTree(in);
        JsonNode list = root.path("defects");
        if (!list.isArray()) {
            throw new IOException(name + ": /defects must be an array");
        }
        List<KnownDefect> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String at = name + ": /defects/" + i;
            JsonNode match = n.path("match");
            Optional<String> label = match.hasNonNull("caseLabel") ? Optional.of(match.get("caseLabel").asText())
                    : Optional.empty();
            if (label.isPresent()) {
                try {
                    java.util.regex.Pattern.compile(label.get());
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new IOException(at + "/match/caseLabel: not a regular expression: " + e.getMessage());
                }
            }
            out.add(new KnownDefect(text(n, "id", at), text(n, "engine", at), text(n, "loss", at),
                    match.path("reduction").asText(""), match.path("dtype").asText(""), label,
                    match.path("quantity").asText("any"), n.path("djlClass").asText(""),
                    n.path("parameters").isValueNode() ? n.path("parameters").asText("") : n.path("parameters").toString(),
                    n.path("computesInstead").asText(""), n.path("fixture").asText("")));
        }
        return out;
    }

    private static String text(JsonNode n, String field, String at) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException(at + "/" + field + ": missing or not a string");
        }
        return v.asText();
    }
}
