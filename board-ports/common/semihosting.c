/*
 * semihosting.c - debug log and exit for boards run in QEMU
 * (`qemu-system-arm -semihosting`): Arm semihosting calls through
 * `bkpt 0xab`. SYS_WRITE0 prints a string on QEMU's stdout;
 * SYS_EXIT_EXTENDED ends QEMU with the program's exit status.
 * Without a debugger attached a real core would stop at the bkpt, so only
 * emulated boards use this file.
 */
#include <stdint.h>

#include "board.h"

#define SYS_WRITE0 0x04
#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static uintptr_t semihost(uintptr_t operation, const void *argument)
{
    register uintptr_t r0 __asm__("r0") = operation;
    register const void *r1 __asm__("r1") = argument;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void board_debug_log(const char *text)
{
    semihost(SYS_WRITE0, text);
}

void board_exit(int status)
{
    const uintptr_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uintptr_t)status};
    semihost(SYS_EXIT_EXTENDED, block);
    for (;;) {
    }
}
