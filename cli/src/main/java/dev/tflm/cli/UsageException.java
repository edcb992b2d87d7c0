package dev.tflm.cli;

/** The command line is wrong: exit code 2 and the usage text. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
