/*
 * micro_speech_audio - spoken keywords from raw audio, all on the board:
 * each 1 s, 16 kHz mono PCM16 WAV compiled in goes through TFLM's audio
 * front end (audio_preprocessor_int8: the signal ops, one 30 ms window of
 * 480 samples every 20 ms, 49 frames of 40 int8 features), then through
 * micro_speech_quantized (labels silence, unknown, yes, no), as TFLM's
 * micro_speech example does. The front end keeps state from frame to frame
 * (noise estimate, gain control); it is reset before each clip, like
 * TFLM's fresh interpreter per clip.
 *
 * Prints, per clip, the first feature frame, the four scores and the label,
 * and fails (exit 1) when a clip's label is not the one its name says: yes
 * -> yes, no -> no, silence and noise -> silence.
 */
#include <stdint.h>
#include <string.h>

#include "audio_preprocessor_model.h"
#include "board.h"
#include "fw_print.h"
#include "fw_tensor.h"
#include "micro_speech_model.h"
#include "no_wav.h"
#include "noise_wav.h"
#include "silence_wav.h"
#include "tflm/ops.h"
#include "tflm/tflm.h"
#include "yes_wav.h"

enum {
    SAMPLE_RATE = 16000,
    WINDOW = 480, /* 30 ms */
    STRIDE = 320, /* 20 ms */
    FRAMES = 49,
    FEATURES = 40,
};

/* Both interpreters share this arena (tflm.h, "Several interpreters, one
 * arena"): each keeps its persistent part, their activations overlap. So
 * the front end's invokes overwrite the keyword model's input, and a clip's
 * features wait here until the keyword model runs, as in TFLM's example. */
static uint8_t arena[FW_ARENA_BYTES] __attribute__((aligned(TFLM_ARENA_ALIGNMENT)));
static int8_t clip_features[FRAMES * FEATURES];

static const char *const labels[] = {"silence", "unknown", "yes", "no"};

static uint32_t read_le(const uint8_t *bytes, int count)
{
    uint32_t value = 0;
    for (int i = count - 1; i >= 0; --i) {
        value = value << 8 | bytes[i];
    }
    return value;
}

/* The samples of a 16 kHz mono PCM16 WAV: *samples at the data chunk's
 * bytes (little-endian int16), *count of them; 0 if it is not such a WAV. */
static int wav_samples(const uint8_t *wav, size_t size, const uint8_t **samples, size_t *count)
{
    if (size < 12 || memcmp(wav, "RIFF", 4) != 0 || memcmp(wav + 8, "WAVE", 4) != 0) {
        return 0;
    }
    int format_ok = 0;
    for (size_t at = 12; at + 8 <= size;) {
        const uint32_t length = read_le(wav + at + 4, 4);
        const uint8_t *body = wav + at + 8;
        if (length > size - at - 8) {
            return 0;
        }
        if (memcmp(wav + at, "fmt ", 4) == 0 && length >= 16) {
            format_ok = read_le(body, 2) == 1 && read_le(body + 2, 2) == 1 &&
                        read_le(body + 4, 4) == SAMPLE_RATE && read_le(body + 14, 2) == 16;
        } else if (memcmp(wav + at, "data", 4) == 0) {
            *samples = body;
            *count = length / 2;
            return format_ok;
        }
        at += 8 + length + (length & 1u);
    }
    return 0;
}

static tflm_status register_front_end(tflm_op_resolver *ops)
{
    static const tflm_kernel *const kernels[] = {
        &tflm_op_signal_window, &tflm_op_signal_fft_auto_scale, &tflm_op_signal_rfft,
        &tflm_op_signal_energy, &tflm_op_signal_filter_bank,
        &tflm_op_signal_filter_bank_square_root, &tflm_op_signal_filter_bank_spectral_subtraction,
        &tflm_op_signal_pcan, &tflm_op_signal_filter_bank_log, &tflm_op_reshape, &tflm_op_cast,
        &tflm_op_strided_slice, &tflm_op_concatenation, &tflm_op_mul, &tflm_op_add, &tflm_op_div,
        &tflm_op_minimum, &tflm_op_maximum};
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++) {
        tflm_status status = tflm_op_resolver_add(ops, kernels[i]);
        if (status != TFLM_OK) {
            return status;
        }
    }
    return TFLM_OK;
}

/* The 49 x 40 features of a 1 s clip (shorter clips: zeros after). */
static int features_of(tflm_interpreter *front_end, const uint8_t *samples, size_t count,
                       int8_t *features)
{
    tflm_tensor_info in, out;
    tflm_interpreter_input(front_end, 0, &in);
    tflm_interpreter_output(front_end, 0, &out);
    if (in.bytes != WINDOW * 2 || out.bytes != FEATURES) {
        return fw_fail("front end", "expected 480 int16 samples in, 40 int8 features out");
    }
    tflm_interpreter_reset_state(front_end);
    for (size_t f = 0; f < FRAMES; f++) {
        const size_t first = f * STRIDE;
        const size_t available = first < count ? count - first : 0;
        const size_t taken = available < WINDOW ? available : WINDOW;
        memset(in.data, 0, in.bytes);
        memcpy(in.data, samples + 2 * first, 2 * taken);
        if (tflm_interpreter_invoke(front_end) != TFLM_OK) {
            return fw_fail("front end", tflm_interpreter_error_message(front_end));
        }
        memcpy(features + f * FEATURES, out.data, FEATURES);
    }
    return 0;
}

static int recognize(tflm_interpreter *front_end, tflm_interpreter *keywords, const char *name,
                     const uint8_t *wav, size_t size, const char *expected)
{
    const uint8_t *samples;
    size_t count;
    if (!wav_samples(wav, size, &samples, &count)) {
        return fw_fail(name, "not a 16 kHz mono PCM16 WAV");
    }
    tflm_tensor_info in, out;
    tflm_interpreter_input(keywords, 0, &in);
    if (in.bytes != FRAMES * FEATURES || features_of(front_end, samples, count, clip_features) != 0) {
        return fw_fail(name, "cannot compute 49 x 40 features for the keyword model");
    }
    memcpy(in.data, clip_features, sizeof clip_features);
    fw_print(name);
    fw_print(" features[0]:");
    for (int i = 0; i < FEATURES; i++) {
        fw_print(" ");
        fw_print_int(((const int8_t *)in.data)[i]);
    }
    if (tflm_interpreter_invoke(keywords) != TFLM_OK) {
        return fw_fail("keywords", tflm_interpreter_error_message(keywords));
    }
    tflm_interpreter_output(keywords, 0, &out);
    const int8_t *scores = out.data;
    size_t best = 0;
    fw_print("\n");
    fw_print(name);
    fw_print(" scores:");
    for (size_t i = 0; i < 4; i++) {
        fw_print(" ");
        fw_print(labels[i]);
        fw_print(" ");
        fw_print_int(scores[i]);
        best = scores[i] > scores[best] ? i : best;
    }
    fw_print("\n");
    fw_print(name);
    fw_print(" label: ");
    fw_print(labels[best]);
    fw_print("\n");
    return strcmp(labels[best], expected) == 0 ? 0 : fw_fail(name, "unexpected label");
}

int main(void)
{
    const tflm_kernel *front_end_kernels[18], *keyword_kernels[4];
    tflm_op_resolver front_end_ops, keyword_ops;
    tflm_op_resolver_init(&front_end_ops, front_end_kernels, 18);
    tflm_op_resolver_init(&keyword_ops, keyword_kernels, 4);
    if (register_front_end(&front_end_ops) != TFLM_OK) {
        return fw_fail("resolver", "no room for the front end's kernels");
    }
    tflm_op_resolver_add(&keyword_ops, &tflm_op_depthwise_conv_2d_int8);
    tflm_op_resolver_add(&keyword_ops, &tflm_op_fully_connected_int8);
    tflm_op_resolver_add(&keyword_ops, &tflm_op_reshape);
    tflm_op_resolver_add(&keyword_ops, &tflm_op_softmax_int8);

    tflm_interpreter *front_end, *keywords;
    tflm_shared_arena shared;
    tflm_error error;
    tflm_shared_arena_init(&shared, arena, sizeof arena);
    if (tflm_interpreter_create_shared(&front_end, audio_preprocessor_model, audio_preprocessor_model_size,
                                       &front_end_ops, &shared, NULL, &error) != TFLM_OK) {
        return fw_fail("create front end", error.message);
    }
    if (tflm_interpreter_create_shared(&keywords, micro_speech_model, micro_speech_model_size, &keyword_ops,
                                       &shared, NULL, &error) != TFLM_OK) {
        return fw_fail("create keywords", error.message);
    }
    const uint64_t start = board_time_us();
    if (recognize(front_end, keywords, "yes_1000ms", yes_wav, yes_wav_size, "yes") ||
        recognize(front_end, keywords, "no_1000ms", no_wav, no_wav_size, "no") ||
        recognize(front_end, keywords, "silence_1000ms", silence_wav, silence_wav_size, "silence") ||
        recognize(front_end, keywords, "noise_1000ms", noise_wav, noise_wav_size, "silence")) {
        return 1;
    }
    const uint64_t elapsed = board_time_us() - start;
    /* Alone, each would need its persistent part and its planned part. */
    fw_print("# arena ");
    fw_print_uint(tflm_shared_arena_used(&shared));
    fw_print(" bytes shared (front end ");
    fw_print_uint(tflm_interpreter_arena_used(front_end));
    fw_print(" + keywords ");
    fw_print_uint(tflm_interpreter_arena_used(keywords));
    fw_print(" alone)");
    fw_print(", 4 clips in ");
    fw_print_uint(elapsed);
    fw_print(" us\n");
    return 0;
}
