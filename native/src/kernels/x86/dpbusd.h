/*
 * dpbusd.h - vpdpbusd (AVX-512 VNNI: acc += the dot products of each four
 * unsigned bytes of x with the four signed bytes of w) as an asm
 * statement, for xmm, ymm or zmm operands alike. GCC 12 compiles the
 * intrinsic on an array of accumulators with a register copy before and
 * after every instruction, and spills in the loop: ResNet-8's conv layers
 * ran 15% slower with it. Include only from a file compiled for AVX-512
 * VNNI. w may be a memory operand (the instruction takes one there).
 */
#ifndef TFLM_KERNELS_X86_DPBUSD_H
#define TFLM_KERNELS_X86_DPBUSD_H

#define TFLM_DPBUSD(acc, x, w) __asm__("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(x), "vm"(w))

#endif /* TFLM_KERNELS_X86_DPBUSD_H */
