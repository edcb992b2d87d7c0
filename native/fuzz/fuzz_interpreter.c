/*
 * fuzz_interpreter.c - libFuzzer target: the whole public API on arbitrary
 * bytes as a .tflite model. Create must either fail with a message or give
 * an interpreter whose invoke succeeds; nothing may read or write outside
 * the model, the arena or a tensor (AddressSanitizer), or hit undefined
 * behaviour (UBSan). Built by -DTFLM_FUZZ=ON (native/fuzz/README.md).
 *
 * The last input byte picks the kernels (fuzz_common.h), so one corpus
 * reaches the reference kernels and every x86 SIMD level. Besides every
 * kernel of ops.h, the test kernels of native/tests/subgraph_kernels.h run
 * the hand-built seeds: subgraph calls and resource variables.
 * fuzz_prepare.c is its fast sibling: invoke only for cheap models.
 */
#include "fuzz_common.h"

/* Enough for every shared model (the largest needs ~ 200 KB). */
enum { ARENA_SIZE = 512 * 1024 };

static int inside(const void *p, size_t bytes, const void *base, size_t size)
{
    uintptr_t at = (uintptr_t)p, start = (uintptr_t)base;
    return at >= start && bytes <= size && at - start <= size - bytes;
}

/* Keeps the tensor reads below from being optimized away. */
static volatile uint8_t observed;

/* Every tensor's data lies in the arena or (constants) in the model, and
 * its bytes are readable: ASan checks the sum. */
static void check_tensors(tflm_interpreter *interp, const uint8_t *model, size_t model_size,
                          const uint8_t *arena)
{
    size_t count = tflm_interpreter_tensor_count(interp);
    for (size_t i = 0; i < count; i++) {
        tflm_tensor_info info;
        require(tflm_interpreter_tensor(interp, i, &info) == TFLM_OK);
        if (info.data == NULL) {
            continue; /* a tensor no operator uses */
        }
        require(inside(info.data, info.bytes, arena, ARENA_SIZE) ||
                inside(info.data, info.bytes, model, model_size));
        require(info.name_length == 0 || inside(info.name, info.name_length, model, model_size));
        uint8_t sum = 0;
        for (size_t b = 0; b < info.bytes; b++) {
            sum += ((const uint8_t *)info.data)[b];
        }
        observed = sum;
    }
    require(tflm_interpreter_tensor(interp, count, &(tflm_tensor_info){0}) ==
            TFLM_ERROR_INVALID_ARGUMENT);
}

static void run(tflm_interpreter *interp, const uint8_t *model, size_t size,
                const uint8_t *arena)
{
    size_t operators = tflm_interpreter_operator_count(interp);
    for (size_t i = 0; i < operators; i++) {
        require(tflm_interpreter_operator_name(interp, i) != NULL);
    }
    require(tflm_interpreter_arena_used(interp) <= ARENA_SIZE);

    /* Inputs as create left them (zero), then from the fuzz bytes, after a
     * state reset: each invoke must succeed since prepare accepted, unless
     * a kernel rejects the values of an input that is not constant
     * (GATHER's positions out of range, an axis: TFLM_ERROR_KERNEL). */
    invoked(interp, tflm_interpreter_invoke(interp));
    fill_inputs(interp, model, size);
    require(tflm_interpreter_reset_state(interp) == TFLM_OK);
    if (invoked(interp, tflm_interpreter_invoke(interp))) {
        require(tflm_interpreter_error_message(interp)[0] == '\0');
        check_tensors(interp, model, size, arena);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const tflm_op_resolver *ops = fuzz_resolver();
    uint8_t *model = alloc_exact(size);
    if (size > 0) {
        memcpy(model, data, size);
    }
    uint8_t *arena = alloc_exact(ARENA_SIZE);

    tflm_interpreter *interp = NULL;
    tflm_error error;
    tflm_status status = tflm_interpreter_create_with_options(
        &interp, model, size, ops, arena, ARENA_SIZE, fuzz_options(data, size), &error);
    fuzz_check_create(status, &error, interp);
    if (status == TFLM_OK) {
        run(interp, model, size, arena);
    }
    free(arena);
    free(model);
    return 0;
}
