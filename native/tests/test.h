/* test.h - the few assertions the C unit tests need; each test file is one
 * executable whose exit status tells ctest the result. */
#ifndef TFLM_TEST_H
#define TFLM_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tflm_test_failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            tflm_test_failures++;                                            \
        }                                                                    \
    } while (0)

#define CHECK_EQ_INT(expected, actual)                                       \
    do {                                                                     \
        long long e_ = (long long)(expected), a_ = (long long)(actual);      \
        if (e_ != a_) {                                                      \
            fprintf(stderr, "%s:%d: expected %s == %lld, got %lld\n", __FILE__, \
                    __LINE__, #actual, e_, a_);                              \
            tflm_test_failures++;                                            \
        }                                                                    \
    } while (0)

#define TEST_MAIN_END()                                                      \
    do {                                                                     \
        if (tflm_test_failures) {                                            \
            fprintf(stderr, "%d check(s) failed\n", tflm_test_failures);     \
            return 1;                                                        \
        }                                                                    \
        return 0;                                                            \
    } while (0)

#endif
