/* For the Wine check only, never shipped: Wine 8 (Debian 12) has no bcryptprimitives.dll, whose
 * ProcessPrng every Rust-built extension calls for random bytes since Rust 1.78 (cryptography,
 * rpds-py). Windows 10 and later have it. This stand-in forwards to BCryptGenRandom with the
 * system's preferred generator, which is what ProcessPrng is on Windows.
 * Built by installer/windows/check-wine.sh with x86_64-w64-mingw32-gcc into the Wine prefix. */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
