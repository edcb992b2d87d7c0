package dev.tflm.cli;

import dev.tflm.Model;
import dev.tflm.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Loading the models the examples run, refused with one clear message when this runtime cannot run them. */
final class ExampleModel {

    private ExampleModel() {
    }

    /**
     * The model in {@code file}; an IllegalStateException when an operator has no kernel here
     * or its kernel refuses it, saying which, what the model is for ({@code role}) and
     * {@code consequence}.
     */
    static Model load(Path file, String role, String consequence) throws IOException {
        Model model = Model.load(file);
        try {
            List<String> problems = model.operatorProblems();
            if (!problems.isEmpty()) {
                List<String> missing = model.unsupportedOps();
                String why = !missing.isEmpty()
                        ? "no kernel registered for " + (missing.size() == 1 ? "op " : "ops ") + String.join(", ", missing)
                        + (missing.stream().anyMatch(op -> op.startsWith("Signal"))
                                ? " (TFLM signal library custom ops, not implemented in this runtime yet)" : "")
                        : problems.getFirst() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
                throw new IllegalStateException(role + " " + file + " cannot run on this runtime: " + why + "; "
                        + consequence);
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** "INT8 [1, 96, 96, 1]". */
    static String describe(Tensor tensor) {
        return tensor.type() + " " + Arrays.toString(tensor.shape());
    }
}
