/*
 * builtin_names.h - names of the schema's BuiltinOperator codes, for
 * messages ("no kernel registered for CONV_2D").
 */
#ifndef TFLM_CORE_BUILTIN_NAMES_H
#define TFLM_CORE_BUILTIN_NAMES_H

#include <stdint.h>

/* The name of a builtin code, or NULL for codes above RIGHT_SHIFT (161):
 * the StableHLO ops, which no micro runtime runs, are left out to keep the
 * table small. */
const char *tflm_builtin_name(int32_t code);

#endif /* TFLM_CORE_BUILTIN_NAMES_H */
