#include "util/sha256.h"

#include <nettle/sha2.h>

#include <array>

namespace reportlens {

// Nettle rather than OpenSSL's libcrypto: the same SHA-256 (with the SHA-NI instructions
// where the CPU has them), without libcrypto's start-up cost in every run (thousands of
// symbol bindings at load and provider initialisation on first use).
// Measured (session 9, a CPU with sha_ni): Nettle's fat build picks _nettle_sha256_compress_sha_ni
// (NETTLE_FAT_VERBOSE=1), and hashes 500 MB in the same ~0.47 s as OpenSSL's EVP_Digest; in a
// whole extract over lawtext it is 0.5% of the CPU samples (perf record). Under valgrind it
// looks six times dearer (15.5 M of 403 M instructions on 6 reports): valgrind does not emulate
// SHA-NI, so Nettle falls back to its plain x86_64 code there. Nothing to gain by switching.
std::string sha256_hex(std::string_view data) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), reinterpret_cast<const std::uint8_t*>(data.data()));
  std::array<std::uint8_t, SHA256_DIGEST_SIZE> digest{};
  sha256_digest(&ctx, digest.size(), digest.data());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * digest.size(), '0');
  for (std::size_t i = 0; i < digest.size(); ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace reportlens
