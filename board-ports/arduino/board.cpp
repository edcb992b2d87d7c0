/*
 * board.cpp - board.h on the Arduino core, for the library `tflm project
 * --target arduino` writes: the debug log on Serial (115200 baud), micros()
 * as the microsecond timer. Any Arduino core: AVR (Mega 2560) and the
 * Cortex-M ones (Nano 33 BLE, Portenta, Due, Zero).
 */
#include <Arduino.h>
#if defined(__AVR__)
#include <avr/interrupt.h>
#include <avr/sleep.h>
#endif

extern "C" {
#include "board.h"
}

void board_init(void)
{
    Serial.begin(115200);
    while (!Serial) {
        /* native USB boards: wait for the host to open the port */
    }
}

void board_debug_log(const char *text)
{
    Serial.print(text);
}

uint64_t board_ticks(void)
{
    /* micros() wraps every 71 minutes: count the wraps (callers read the
     * timer more often than that). */
    static uint32_t last;
    static uint64_t wraps;
    const uint32_t now = micros();
    if (now < last) {
        wraps += (uint64_t)1 << 32;
    }
    last = now;
    return wraps | now;
}

uint32_t board_ticks_per_second(void)
{
    return 1000000ul;
}

uint64_t board_time_us(void)
{
    return board_ticks();
}

void board_exit(int status)
{
    (void)status;
    Serial.flush();
#if defined(__AVR__)
    /* Sleeping with interrupts off: the board stops, and simavr ends. */
    cli();
    set_sleep_mode(SLEEP_MODE_PWR_DOWN);
    sleep_enable();
    sleep_cpu();
#endif
    for (;;) {
    }
}
