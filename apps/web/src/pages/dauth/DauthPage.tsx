import { registerPage } from '../registry.js';
import { HolderApp } from './HolderApp.js';
import { PendingList } from './PendingList.js';
import { PhoneFrame } from './PhoneFrame.js';
import './strings.js';

/**
 * スマホ：デジタル認証アプリ — `#/dauth` (pending authorizations) and `#/dauth/<uid>` (one of them;
 * `#/dauth/<uid>/return` when the authorize endpoint's mobile redirect brought this browser here,
 * so a success goes straight back to the relying party).
 */
export function DauthPage({ route }: { route: string[] }) {
  const uid = route[1];
  return (
    <PhoneFrame>
      {uid ? <HolderApp key={uid} uid={uid} sameBrowser={route[2] === 'return'} /> : <PendingList />}
    </PhoneFrame>
  );
}

registerPage({ id: 'dauth', component: DauthPage });
