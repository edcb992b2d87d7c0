/*
 * builtin_names.h - names of the schema's BuiltinOperator codes, for
 * messages ("no kernel registered for CONV_2D").
 *
 * The table is 1.8 KB, a third of the interpreter's own code, so it is only
 * built with TFLM_BUILTIN_NAMES (CMake option, on for host builds). Without
 * it every name is NULL and messages give the code ("builtin code 28");
 * registered kernels are still named by their own tflm_kernel.name.
 */
#ifndef TFLM_CORE_BUILTIN_NAMES_H
#define TFLM_CORE_BUILTIN_NAMES_H

#include <stdint.h>

/* The name of a builtin code, or NULL for codes above RIGHT_SHIFT (161):
 * the StableHLO ops, which no micro runtime runs, are left out to keep the
 * table small. */
#ifdef TFLM_BUILTIN_NAMES
const char *tflm_builtin_name(int32_t code);
#else
static inline const char *tflm_builtin_name(int32_t code)
{
    (void)code;
    return 0;
}
#endif

#endif /* TFLM_CORE_BUILTIN_NAMES_H */
