# An FDE of length 0 in an empty section: what GCC emits for the `.cold` part of a function when
# nothing is left in it. The symbol ordering file places it where with_cleanup's cold part starts.
	.section .text.unlikely.empty_cold,"ax",@progbits
	.globl empty_cold
empty_cold:
	.cfi_startproc
	.cfi_endproc
	.section .note.GNU-stack,"",@progbits
