/*
 * user_op.h - a custom op written by a user of tflm: the template to copy
 * for your own. README.md ("Writing a custom op in C") walks through it.
 *
 * SpikeFilter removes isolated spikes from a stream of sensor frames before
 * a model sees them (a causal Hampel-style filter). Each invoke takes one
 * frame, a FLOAT32 tensor of any shape, and keeps the last `window` frames.
 * For every element, the median m of that element over the frames held
 * (this one included; the mean of the two middle values when their number
 * is even) replaces the value x when |x - m| > threshold; otherwise x passes
 * unchanged. The output is a FLOAT32 tensor with as many elements.
 *
 * Options (the operator's custom_options, a FlexBuffers map):
 *   "window"     int in [1, USER_OP_MAX_WINDOW]: frames the median covers
 *   "threshold"  float >= 0: the largest distance from the median kept
 *
 * State: the frames held, in persistent arena memory. It lasts from invoke
 * to invoke and tflm_interpreter_reset_state empties it (a new recording);
 * after a reset the median covers the frames seen since.
 *
 * Register it beside the library's kernels:
 *
 *     tflm_op_resolver_add(&ops, &user_op_spike_filter);
 */
#ifndef USER_OP_H
#define USER_OP_H

#include "tflm/kernel.h"

/* The model's name for the op: OperatorCode.custom_code. */
#define USER_OP_SPIKE_FILTER_NAME "SpikeFilter"

/* The largest "window": the median sorts that many values per element. */
#define USER_OP_MAX_WINDOW 64

extern const tflm_kernel user_op_spike_filter;

#endif /* USER_OP_H */
