// Header-only module: the functions are defined in swift-crypto's CCryptoBoringSSL.
#include "CBoringAES.h"
