/*
 * bcryptprimitives.dll with ProcessPrng only, for Wine 8 (Debian 12), which
 * has no such DLL: Go 1.24 and later load it at start and stop without it
 * ("fatal error: bcryptprimitives.dll not found"). Real Windows (10 and
 * later) has it; this is only for running the Windows builds under Wine in
 * .ci/platforms. ProcessPrng fills data with random bytes from
 * RtlGenRandom (advapi32's SystemFunction036), which Wine has.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -shared -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
