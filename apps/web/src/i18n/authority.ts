/**
 * Strings of the authority page (CA generations and roll-over) and of the chain a relying party
 * saw: Japanese first, English beside. Namespace `authority`.
 */
const ja = {
  title: '認証局（J-LIS）の世代',
  intro:
    '利用者証明用と署名用の二つの認証局は、同じ名前（DN）のまま鍵と証明書を新しい世代に交代します（J-LISは2019年と2023年に交代）。新しく発行される証明書は現行の世代が署名し、それまでの証明書は更新されるまで自分を署名した世代に連なります。証明書を検証する側（RP）は、使われているすべての世代を信頼します。',
  generation: '第{{n}}世代',
  current: '現行（新規発行）',
  serial: '証明書シリアル',
  validity: '有効期間',
  keyId: '鍵識別子（SKI）',
  signed: '署名した証明書',
  signedCount: '{{count}} 枚',
  downloadCert: '認証局証明書 (.cer)',
  downloadCrl: '失効リスト (.crl)',
  rollOver: '新しい世代に交代',
  confirmTitle: '{{kind}}認証局を第{{n}}世代に交代しますか？',
  confirmBody:
    '新しい鍵（RSA-2048）と自己署名の認証局証明書を同じ名前で作ります。有効期間はサンドボックス時刻から10年です。',
  confirmNew: 'これから発行する証明書（新しいカード・更新）は第{{n}}世代が署名します。',
  confirmOld:
    'すでに発行された証明書はそのまま有効で、更新されるまで署名した世代（いまの現行は第{{old}}世代）に連なります。各世代の失効リストとOCSPも引き続き応答します。',
  confirmUndo: '元に戻すことはできません。',
  confirm: '交代する',
  cancel: 'キャンセル',
  rolled: '{{kind}}認証局は第{{n}}世代に交代しました。',
  certGeneration: '発行した世代',
  unknownGeneration: '不明',
  chainedToLine:
    '証明書の連鎖先（トラストアンカー）：{{kind}}認証局 第{{n}}世代（シリアル {{serial}}・鍵識別子 {{keyId}}）',
  chainedToUnknown:
    '証明書の連鎖先（トラストアンカー）：{{kind}}認証局（シリアル {{serial}}・鍵識別子 {{keyId}}）',
};

const en: typeof ja = {
  title: 'Authority (J-LIS) generations',
  intro:
    'The user-authentication and signature CAs each roll over to a new generation: a new key and certificate under the same name (DN), as J-LIS did in 2019 and 2023. New certificates are signed by the current generation; earlier ones keep chaining to the generation that signed them until they are renewed. Relying parties trust every generation in use.',
  generation: 'Generation {{n}}',
  current: 'Current (issues new)',
  serial: 'Certificate serial',
  validity: 'Validity',
  keyId: 'Key identifier (SKI)',
  signed: 'Certificates signed',
  signedCount: '{{count}}',
  downloadCert: 'CA certificate (.cer)',
  downloadCrl: 'CRL (.crl)',
  rollOver: 'Roll over to a new generation',
  confirmTitle: 'Roll the {{kind}} CA over to generation {{n}}?',
  confirmBody:
    'A new key (RSA-2048) and a self-signed CA certificate under the same name, valid ten years from the sandbox clock.',
  confirmNew: 'Certificates issued from now on (new cards, renewals) are signed by generation {{n}}.',
  confirmOld:
    'Certificates already issued stay valid and keep chaining to the generation that signed them (generation {{old}} is current now) until renewed; every generation keeps its CRL and OCSP answers.',
  confirmUndo: 'This cannot be undone.',
  confirm: 'Roll over',
  cancel: 'Cancel',
  rolled: 'The {{kind}} CA is now at generation {{n}}.',
  certGeneration: 'Issued by',
  unknownGeneration: 'Unknown',
  chainedToLine:
    'Certificate chained to (trust anchor): {{kind}} CA generation {{n}} (serial {{serial}}, key id {{keyId}})',
  chainedToUnknown:
    'Certificate chained to (trust anchor): {{kind}} CA (serial {{serial}}, key id {{keyId}})',
};

export const authorityStrings = { ja, en };
