/* TFLM_VERIFY=build-time on the host: this test compiles the interpreter
 * with TFLM_VERIFY_BUILD_TIME (its own copy of interpreter.c, which the
 * linker takes instead of the library's) and links the table
 * tflm_model_check wrote at build time for two hand-built models
 * (verified_*.inc, native/tests/CMakeLists.txt). Those models are
 * accepted and run; the same bytes with one byte changed, or one byte
 * fewer, and a model the build never saw, are refused before anything
 * reads them. */
#include <string.h>

#include "model_files.h"
#include "subgraph_kernels.h"
#include "test.h"
#include "tflm/ops.h"
#include "tflm/verified_models.h"

const tflm_verified_model tflm_verified_models[] = {
#include "verified_subgraph_calls.inc"
#include "verified_constants_aligned.inc"
};
const uint32_t tflm_verified_model_count = sizeof tflm_verified_models / sizeof tflm_verified_models[0];

static uint8_t arena[1u << 16] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

static tflm_status create(const uint8_t *model, size_t size, const tflm_op_resolver *ops, tflm_error *error)
{
    tflm_interpreter *interp;
    return tflm_interpreter_create(&interp, model, size, ops, arena, sizeof arena, error);
}

static void refused(const char *what, const uint8_t *model, size_t size, const tflm_op_resolver *ops)
{
    tflm_error error;
    CHECK_EQ_INT(TFLM_ERROR_MALFORMED_MODEL, create(model, size, ops, &error));
    if (strstr(error.message, "not one of the models verified when this firmware was built") == NULL) {
        printf("%s: unexpected message \"%s\"\n", what, error.message);
        CHECK(false);
    }
}

int main(void)
{
    /* The check value of this CRC-32 (ISO-HDLC): "123456789" -> 0xCBF43926. */
    CHECK_EQ_INT((int64_t)0xCBF43926u, (int64_t)tflm_crc32("123456789", 9));
    CHECK_EQ_INT((int64_t)0, (int64_t)tflm_crc32("", 0));

    const tflm_kernel *storage[TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT];
    tflm_op_resolver ops;
    tflm_op_resolver_init(&ops, storage, TFLM_OP_COUNT + TEST_SUBGRAPH_KERNEL_COUNT);
    CHECK_EQ_INT(TFLM_OK, tflm_op_resolver_add_all(&ops));
    CHECK_EQ_INT(TFLM_OK, test_add_subgraph_kernels(&ops));
    CHECK_EQ_INT(2, (int)tflm_verified_model_count);

    static const char *const verified[] = {"subgraph_calls", "constants_aligned"};
    for (size_t m = 0; m < 2; m++) {
        size_t size;
        uint8_t *model = load_test_model(verified[m], &size);
        tflm_error error;
        tflm_status status = create(model, size, &ops, &error);
        if (status != TFLM_OK) {
            printf("%s: %s\n", verified[m], error.message);
        }
        CHECK_EQ_INT(TFLM_OK, status);
        refused(verified[m], model, size - 1, &ops);
        for (size_t at = 0; at < size; at += size / 7 + 1) { /* the header, tables, data */
            model[at] ^= 0x01;
            refused(verified[m], model, size, &ops);
            model[at] ^= 0x01;
        }
        free(model);
    }
    size_t size;
    uint8_t *unseen = load_test_model("constants_misaligned", &size);
    refused("constants_misaligned", unseen, size, &ops);
    free(unseen);
    TEST_MAIN_END();
}
