/*
 * board.c - board.h on Zephyr, for the sample app `tflm project --target
 * zephyr` writes: the debug log through printk (the board's console), the
 * kernel's uptime ticks as the timer. board_exit prints the status when it is
 * not 0 and parks the main thread: a Zephyr application does not return to a
 * host, and on QEMU boards `west build -t run` ends with Ctrl-A X.
 */
#include <zephyr/kernel.h>
#include <zephyr/sys/printk.h>

#include "board.h"

void board_init(void)
{
}

void board_debug_log(const char *text)
{
    printk("%s", text);
}

uint64_t board_ticks(void)
{
    return (uint64_t)k_uptime_ticks();
}

uint32_t board_ticks_per_second(void)
{
    return CONFIG_SYS_CLOCK_TICKS_PER_SEC;
}

uint64_t board_time_us(void)
{
    return k_ticks_to_us_floor64((uint64_t)k_uptime_ticks());
}

void board_exit(int status)
{
    if (status != 0) {
        printk("exit status %d\n", status);
    }
    for (;;) {
        k_sleep(K_FOREVER);
    }
}
