/*
 * board.h - what a board port gives the firmware examples: a debug log, a
 * microsecond timer and a way to end the program. Each port in
 * board-ports/<board>/ implements it (the Cortex-M parts shared by several
 * boards live in board-ports/common/).
 */
#ifndef TFLM_BOARD_H
#define TFLM_BOARD_H

#include <stdint.h>

/* Clocks, UART, FPU: whatever the board needs before main. Called by the
 * startup code (Cortex-M) or by nothing (host). */
void board_init(void);

/* Writes a NUL-terminated string to the board's debug console as is. */
void board_debug_log(const char *text);

/* A free-running 64-bit tick counter and its rate: the microsecond timer. */
uint64_t board_ticks(void);
uint32_t board_ticks_per_second(void);

/* Microseconds from board_ticks (which starts at its first call). */
uint64_t board_time_us(void);

/* Ends the program: 0 is success. Under QEMU it ends the emulator with that
 * exit status; on a real board it stops in a low-power loop. */
void board_exit(int status) __attribute__((noreturn));

#endif /* TFLM_BOARD_H */
