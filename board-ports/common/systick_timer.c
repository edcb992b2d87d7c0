/*
 * systick_timer.c - the microsecond timer of Cortex-M boards: SysTick on the
 * core clock (TFLM_BOARD_CPU_HZ, from board.cmake), its 24-bit count widened
 * to 64 bits by counting wraps in SysTick_Handler.
 *
 * Under `qemu-system-arm -icount shift=0` one instruction takes 1 ns of
 * virtual time, so ticks * 1e9 / TFLM_BOARD_CPU_HZ is an instruction count
 * (with a resolution of one tick: 40 instructions at 25 MHz).
 */
#include <stdint.h>

#include "board.h"
#include "div_u64_small.h"

#ifndef TFLM_BOARD_CPU_HZ
#error "TFLM_BOARD_CPU_HZ (the core clock) comes from the board's board.cmake"
#endif
#if TFLM_BOARD_CPU_HZ % 1000000u != 0 || TFLM_BOARD_CPU_HZ / 1000000u > 65535u
#error "board_time_us divides by whole MHz: TFLM_BOARD_CPU_HZ must be a multiple of 1 MHz"
#endif

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

#define SYST_RELOAD 0xFFFFFFu
#define SYST_CSR_ENABLE_TICKINT_CORECLOCK 0x7u

static volatile uint32_t wraps;
static int started;

void SysTick_Handler(void)
{
    ++wraps;
}

static void start(void)
{
    SYST_RVR = SYST_RELOAD;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE_TICKINT_CORECLOCK;
    /* The counter loads the reload value on its first tick; before that it
     * reads 0, which would look like a full period. */
    while (SYST_CVR == 0) {
    }
    started = 1;
}

uint64_t board_ticks(void)
{
    if (!started) {
        start();
    }
    uint32_t high, value;
    do {
        high = wraps;
        value = SYST_CVR; /* counts down */
    } while (high != wraps);
    return (uint64_t)high * (SYST_RELOAD + 1u) + (SYST_RELOAD - value);
}

uint32_t board_ticks_per_second(void)
{
    return TFLM_BOARD_CPU_HZ;
}

uint64_t board_time_us(void)
{
    /* ticks * 1e6 / hz == ticks / MHz, the clock being whole MHz. */
    uint32_t rest;
    return div_u64_small(board_ticks(), TFLM_BOARD_CPU_HZ / 1000000u, &rest);
}
