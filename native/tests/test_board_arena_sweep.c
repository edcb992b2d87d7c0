/*
 * test_board_arena_sweep.c - the arena sweep on the board itself (firmware,
 * run in QEMU by examples/firmware/CMakeLists.txt): a 32-bit core's arena
 * has its own figures (persistent memory in 8-byte granules, op data laid
 * out for 4-byte pointers, the variants its kernels choose), which the
 * host's sweep (test_arena_sweep.c) does not see.
 *
 * For each model compiled in: the figure tflm_interpreter_arena_used
 * reports, then arena sizes below it, which must fail cleanly with
 * TFLM_ERROR_ARENA_TOO_SMALL and write nothing past their end, and the
 * figure itself, which must create and invoke to the same outputs as the
 * first run. Every size below the figure is tried: a create costs little
 * on these models, and each size fails in its own place.
 */
#include <stdint.h>
#include <string.h>

#include "fw_print.h"
#include "fw_tensor.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"

/* The models the board runs (examples/firmware/CMakeLists.txt). */
#if FW_SWEEP_HELLO_WORLD_INT8
#include "sweep_hello_world_int8.h"
#endif
#if FW_SWEEP_MICRO_SPEECH_QUANTIZED
#include "sweep_micro_speech_quantized.h"
#endif
#if FW_SWEEP_KEYWORD_SCRAMBLED
#include "sweep_keyword_scrambled.h"
#endif

enum { GUARD = 64, GUARD_BYTE = 0xA5 };

static uint8_t memory[FW_ARENA_BYTES + GUARD] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));

/* The first bytes of the first output after one invoke on the inputs
 * create zeroes, kept to compare the run at the exact figure with. */
static uint8_t expected[64];

typedef struct sweep_model {
    const char *name;
    const uint8_t *data;
    const size_t *size;
} sweep_model;

static int fail(const char *model, const char *what, size_t arena_size)
{
    fw_print("FAIL ");
    fw_print(model);
    fw_print(": ");
    fw_print(what);
    fw_print(" with an arena of ");
    fw_print_uint(arena_size);
    fw_print(" bytes\n");
    return 1;
}

/* Creates in the first arena_size bytes of memory, the rest a guard that
 * must stay untouched; on success invokes once and copies the first
 * output's first bytes to out. */
static tflm_status run(const sweep_model *m, const tflm_op_resolver *ops, size_t arena_size,
                       uint8_t *out, size_t *used, int *guard_broken)
{
    memset(memory + arena_size, GUARD_BYTE, GUARD);
    tflm_interpreter *interp;
    tflm_status status = tflm_interpreter_create(&interp, m->data, *m->size, ops, memory,
                                                 arena_size, NULL);
    if (status == TFLM_OK) {
        *used = tflm_interpreter_arena_used(interp);
        tflm_tensor_info output;
        if ((status = tflm_interpreter_invoke(interp)) == TFLM_OK &&
            (status = tflm_interpreter_output(interp, 0, &output)) == TFLM_OK) {
            memcpy(out, output.data, output.bytes < sizeof expected ? output.bytes : sizeof expected);
        }
    }
    *guard_broken = 0;
    for (size_t i = 0; i < GUARD; i++) {
        *guard_broken |= memory[arena_size + i] != GUARD_BYTE;
    }
    return status;
}

static int sweep(const sweep_model *m, const tflm_op_resolver *ops)
{
    size_t used = 0;
    int broken;
    if (run(m, ops, FW_ARENA_BYTES, expected, &used, &broken) != TFLM_OK || broken) {
        return fail(m->name, "the first run failed", FW_ARENA_BYTES);
    }
    for (size_t size = 0; size < used; size++) {
        uint8_t got[sizeof expected];
        size_t ignored;
        if (run(m, ops, size, got, &ignored, &broken) != TFLM_ERROR_ARENA_TOO_SMALL) {
            return fail(m->name, "create did not refuse", size);
        }
        if (broken) {
            return fail(m->name, "a refused create wrote past the arena", size);
        }
    }
    uint8_t got[sizeof expected] = {0};
    size_t again = 0;
    if (run(m, ops, used, got, &again, &broken) != TFLM_OK || broken || again != used ||
        memcmp(got, expected, sizeof got) != 0) {
        return fail(m->name, "the reported figure did not run as before", used);
    }
    fw_print(m->name);
    fw_print(": ");
    fw_print_uint(used);
    fw_print(" bytes, every smaller arena refused cleanly\n");
    return 0;
}

int main(void)
{
    static const tflm_kernel *const used[] = {
        &tflm_op_conv_2d, &tflm_op_depthwise_conv_2d, &tflm_op_fully_connected, &tflm_op_quantize,
        &tflm_op_reshape, &tflm_op_softmax,        &tflm_op_svdf,
    };
    enum { USED = sizeof used / sizeof used[0] };
    const tflm_kernel *kernels[USED];
    tflm_op_resolver ops;
    if (fw_resolver_of(&ops, kernels, used, USED) != TFLM_OK) {
        return 1;
    }
    static const sweep_model models[] = {
#if FW_SWEEP_HELLO_WORLD_INT8
        {"hello_world_int8", sweep_hello_world_int8, &sweep_hello_world_int8_size},
#endif
#if FW_SWEEP_MICRO_SPEECH_QUANTIZED
        {"micro_speech_quantized", sweep_micro_speech_quantized, &sweep_micro_speech_quantized_size},
#endif
#if FW_SWEEP_KEYWORD_SCRAMBLED
        {"keyword_scrambled", sweep_keyword_scrambled, &sweep_keyword_scrambled_size},
#endif
    };
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++) {
        if (sweep(&models[i], &ops) != 0) {
            return 1;
        }
    }
    return 0;
}
