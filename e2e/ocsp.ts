import { createOcspCertId, parseCertificate } from '@myna/pki';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * What the sandbox's public OCSP responder (`POST /s/<sandbox>/ocsp`, RFC 6960) says about a
 * certificate, as a relying party asks it — no openssl: the request is built with @myna/pki and
 * pkijs, the answer decoded with pkijs. `hold` is revoked with reason certificateHold (6).
 */
export async function ocspStatus(
  base: string,
  sandbox: string,
  certDer: Uint8Array,
  issuerDer: Uint8Array,
): Promise<{ status: 'good' | 'revoked' | 'hold' | 'unknown'; reasonCode?: number }> {
  const certId = createOcspCertId({ issuerCertDer: issuerDer, serial: parseCertificate(certDer).serial });
  const req = new pkijs.OCSPRequest();
  const reqCert = new pkijs.CertID({ schema: asn1js.fromBER(new Uint8Array(certId.der)).result });
  req.tbsRequest.requestList = [new pkijs.Request({ reqCert })];
  const res = await fetch(`${base}/s/${sandbox}/ocsp`, {
    method: 'POST',
    headers: { 'content-type': 'application/ocsp-request' },
    body: new Uint8Array(req.toSchema(true).toBER()),
  });
  if (!res.ok) throw new Error(`OCSP responder answered HTTP ${res.status}`);
  const ocsp = pkijs.OCSPResponse.fromBER(await res.arrayBuffer());
  if (ocsp.responseStatus.valueBlock.valueDec !== 0 || !ocsp.responseBytes)
    throw new Error(`OCSP responseStatus ${ocsp.responseStatus.valueBlock.valueDec}`);
  const basic = pkijs.BasicOCSPResponse.fromBER(
    new Uint8Array(ocsp.responseBytes.response.valueBlock.valueHexView),
  );
  const single = basic.tbsResponseData.responses[0]!;
  const st = single.certStatus as asn1js.BaseBlock & { valueBlock: { value?: asn1js.BaseBlock[] } };
  switch (st.idBlock.tagNumber) {
    case 0:
      return { status: 'good' };
    case 1: {
      const reason = st.valueBlock.value?.[1] as
        | (asn1js.BaseBlock & { valueBlock: { value: asn1js.Enumerated[] } })
        | undefined;
      const code = reason?.valueBlock.value[0]?.valueBlock.valueDec;
      return { status: code === 6 ? 'hold' : 'revoked', ...(code !== undefined ? { reasonCode: code } : {}) };
    }
    default:
      return { status: 'unknown' };
  }
}
