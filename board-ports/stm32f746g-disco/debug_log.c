/*
 * debug_log.c - STM32F746G Discovery: board_init sets up USART1 on PA9
 * (AF7), the ST-Link virtual COM port, at 115200 baud from the 16 MHz HSI;
 * board_debug_log writes to it, polling TXE. Register addresses from the
 * STM32F7 reference manual (RM0385).
 */
#include <stdint.h>

#include "board.h"

#define REG(address) (*(volatile uint32_t *)(address))
#define RCC_AHB1ENR REG(0x40023830u)
#define RCC_APB2ENR REG(0x40023844u)
#define GPIOA_MODER REG(0x40020000u)
#define GPIOA_OSPEEDR REG(0x40020008u)
#define GPIOA_AFRH REG(0x40020024u)
#define USART1_CR1 REG(0x40011000u)
#define USART1_BRR REG(0x4001100Cu)
#define USART1_ISR REG(0x4001101Cu)
#define USART1_TDR REG(0x40011028u)

#define RCC_AHB1ENR_GPIOAEN (1u << 0)
#define RCC_APB2ENR_USART1EN (1u << 4)
#define USART_CR1_UE (1u << 0)
#define USART_CR1_TE (1u << 3)
#define USART_ISR_TXE (1u << 7)
#define HSI_HZ 16000000u
#define BAUD 115200u

void board_init(void)
{
    RCC_AHB1ENR |= RCC_AHB1ENR_GPIOAEN;
    RCC_APB2ENR |= RCC_APB2ENR_USART1EN;
    (void)RCC_APB2ENR; /* let the enable settle */
    GPIOA_MODER = (GPIOA_MODER & ~(3u << 18)) | (2u << 18);       /* PA9: alternate function */
    GPIOA_OSPEEDR |= 2u << 18;                                    /* high speed */
    GPIOA_AFRH = (GPIOA_AFRH & ~(0xFu << 4)) | (7u << 4);         /* AF7: USART1_TX */
    USART1_BRR = (HSI_HZ + BAUD / 2) / BAUD;                      /* oversampling by 16 */
    USART1_CR1 = USART_CR1_UE | USART_CR1_TE;
}

void board_debug_log(const char *text)
{
    for (; *text; ++text) {
        if (*text == '\n') {
            while (!(USART1_ISR & USART_ISR_TXE)) {
            }
            USART1_TDR = '\r';
        }
        while (!(USART1_ISR & USART_ISR_TXE)) {
        }
        USART1_TDR = (uint8_t)*text;
    }
}
