//! Reading the certificate chain over TLS 1.3, where it travels encrypted: a real rustls
//! handshake whose verifier records the chain and any stapled OCSP response and accepts it, so
//! the probe can judge the chain itself (with [`super::cert::verify`]) instead of failing.
//! The handshake signature is still checked against the recorded leaf; no application data is
//! sent, and the connection is dropped once the handshake is over.

use std::io::Write;
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

/// What the server presented.
#[derive(Debug, Default, Clone)]
pub struct Presented {
    pub chain: Vec<Vec<u8>>,
    pub ocsp_stapled: bool,
    /// The handshake failed after the chain was presented (e.g. a bad handshake signature).
    pub handshake_error: Option<String>,
}

#[derive(Debug)]
struct Recorder {
    seen: Mutex<Option<Presented>>,
    algs: WebPkiSupportedAlgorithms,
    /// Whether handshake signatures are verified (`false`: a connection that verifies nothing,
    /// like the HTTP checks', so that a server with a 1024-bit RSA key is still reached).
    check_signatures: bool,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut chain = vec![end_entity.as_ref().to_vec()];
        chain.extend(intermediates.iter().take(31).map(|c| c.as_ref().to_vec()));
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(Presented {
                chain,
                ocsp_stapled: !ocsp_response.is_empty(),
                handshake_error: None,
            });
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        if !self.check_signatures {
            return Ok(HandshakeSignatureValid::assertion());
        }
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algs)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        if !self.check_signatures {
            return Ok(HandshakeSignatureValid::assertion());
        }
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algs)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algs.supported_schemes()
    }
}

/// A client configuration (TLS 1.2 and 1.3, HTTP/1.1) that accepts any certificate and any
/// handshake signature, for an HTTP exchange whose certificate the TLS checks judge separately.
pub(crate) fn accepting_any_certificate() -> Result<Arc<rustls::ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(None),
        algs: provider.signature_verification_algorithms,
        check_signatures: false,
    });
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(recorder)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Runs a TLS 1.3 handshake with `addr` and returns the presented chain, or why not.
pub fn read_chain(
    addr: &SocketAddr,
    server_name: &str,
    connect_timeout: Duration,
    read_timeout: Duration,
) -> Result<Presented, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let recorder = Arc::new(Recorder {
        seen: Mutex::new(None),
        algs: provider.signature_verification_algorithms,
        check_signatures: true,
    });
    let config =
        rustls::ClientConfig::builder_with_provider(Arc::clone(&provider) as Arc<CryptoProvider>)
            .with_protocol_versions(&[&rustls::version::TLS13])
            .map_err(|e| e.to_string())?
            .dangerous()
            .with_custom_certificate_verifier(recorder.clone())
            .with_no_client_auth();
    let name = ServerName::try_from(server_name.to_string())
        .map_err(|e| format!("invalid server name {server_name:?}: {e}"))?;
    let mut conn =
        rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| e.to_string())?;
    let mut sock = TcpStream::connect_timeout(addr, connect_timeout)
        .map_err(|e| format!("cannot connect to {addr}: {e}"))?;
    let _ = sock.set_read_timeout(Some(read_timeout));
    let _ = sock.set_write_timeout(Some(read_timeout));
    let deadline = Instant::now() + connect_timeout + read_timeout * 2;
    let mut result = Ok(());
    while conn.is_handshaking() {
        if Instant::now() > deadline {
            result = Err("no answer before the timeout".to_string());
            break;
        }
        if let Err(e) = conn.complete_io(&mut sock) {
            result = Err(match e.kind() {
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                    "no answer before the timeout".to_string()
                }
                _ => format!("TLS 1.3 handshake failed: {e}"),
            });
            break;
        }
    }
    conn.send_close_notify();
    let _ = conn.write_tls(&mut sock);
    let _ = sock.flush();
    let seen = recorder.seen.lock().ok().and_then(|s| s.clone());
    match (seen, result) {
        // The chain was presented; a later failure (say, a bad signature) is reported with it.
        (Some(mut p), r) => {
            p.handshake_error = r.err();
            Ok(p)
        }
        (None, Err(e)) => Err(e),
        (None, Ok(())) => Err("the server presented no certificate".to_string()),
    }
}
