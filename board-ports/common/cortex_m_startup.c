/*
 * cortex_m_startup.c - the vector table and reset handler shared by every
 * Cortex-M board: copy .data from flash, zero .bss, enable the FPU when the
 * code is built for one, then board_init(), main() and board_exit().
 * Symbols come from cortex_m_sections.ld.
 */
#include <stdint.h>

#include "board.h"

extern uint32_t __stack_top[];
extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];

int main(void);
void Reset_Handler(void);
void SysTick_Handler(void);

#define SCB_VTOR (*(volatile uint32_t *)0xE000ED08u)
#define SCB_CPACR (*(volatile uint32_t *)0xE000ED88u)

static void fault_handler(void)
{
    board_debug_log("fault: hard fault or unexpected exception\n");
    board_exit(3);
}

__attribute__((weak)) void board_init(void)
{
}

/* Initial stack pointer and the 15 system exceptions; boards here need no
 * peripheral interrupts. */
__attribute__((section(".vectors"), used)) static void (*const vector_table[16])(void) = {
    (void (*)(void))__stack_top,
    Reset_Handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
    fault_handler, /* SecureFault (ARMv8-M) */
    0, 0, 0,
    fault_handler, /* SVCall */
    fault_handler, /* DebugMonitor */
    0,
    fault_handler, /* PendSV */
    SysTick_Handler,
};

__attribute__((noreturn)) void Reset_Handler(void)
{
#if defined(__ARM_FP) || defined(__ARM_FEATURE_MVE)
    /* CP10 and CP11 full access, before any floating-point or Helium code. */
    SCB_CPACR |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
#if !defined(__ARM_ARCH_6M__)
    /* Boards whose image does not start at 0 (or a bootloader's jump). */
    SCB_VTOR = (uint32_t)(uintptr_t)vector_table;
#endif
    volatile uint32_t *src = __data_load;
    for (volatile uint32_t *dst = __data_start; dst < __data_end;) {
        *dst++ = *src++;
    }
    for (volatile uint32_t *dst = __bss_start; dst < __bss_end;) {
        *dst++ = 0;
    }
    board_init();
    board_exit(main());
}
