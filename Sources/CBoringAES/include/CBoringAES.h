// Declarations of the AES block functions of the BoringSSL copy that swift-crypto builds and
// links (its symbols carry the CCryptoBoringSSL_ prefix). swift-crypto's public AES.permute expands
// the key on every block; FF1 and FF3-1 need one expansion per key and 8–20 blocks per value.
// The layout matches BoringSSL's struct aes_key_st; a test pins these functions to AES.permute.
#ifndef UNDERSTUDY_CBORINGAES_H
#define UNDERSTUDY_CBORINGAES_H
#include <stdint.h>

typedef struct understudy_aes_key {
    uint32_t rd_key[60];
    unsigned rounds;
} understudy_aes_key;

int CCryptoBoringSSL_AES_set_encrypt_key(const uint8_t *key, unsigned bits, understudy_aes_key *aeskey);
void CCryptoBoringSSL_AES_encrypt(const uint8_t *in, uint8_t *out, const understudy_aes_key *key);

#endif
