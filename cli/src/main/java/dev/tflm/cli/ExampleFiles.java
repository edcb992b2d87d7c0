package dev.tflm.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the examples find the models and inputs not given on the command line: TFLM's files
 * in {@code ../shared} beside the checkout ({@code models/}, {@code testdata/}), which the
 * repository does not carry.
 */
final class ExampleFiles {

    private ExampleFiles() {
    }

    /**
     * {@code given} when not null, else {@code relative} in the shared folder; an
     * IllegalStateException saying which file is needed, where to put it and which option
     * takes another when that file is absent.
     */
    static Path orShared(Path given, String relative, String option) {
        if (given != null) {
            return given;
        }
        Path shared = SourceTree.locate().root.resolveSibling("shared").normalize();
        Path file = shared.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.getFileName() + " not found: put TFLM's " + file.getFileName()
                    + " at " + file + " (../shared/" + relative + " beside the checkout) or pass " + option + " FILE");
        }
        return file;
    }
}
