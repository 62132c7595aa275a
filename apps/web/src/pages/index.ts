// Navigation order. One line per page; each module calls registerPage() when it loads (on first visit).
import { lazyPage } from './registry.js';

lazyPage('cards', () => import('./CardsRoute.js'));
lazyPage('phone', () => import('./PhonePage.js'));
lazyPage('rp', () => import('./RpPage.js'));
lazyPage('dauth', () => import('./dauth/DauthPage.js'));
lazyPage('kiosk', () => import('./KioskPage.js'));
lazyPage('counter', () => import('./CounterPage.js'));
lazyPage('support', () => import('./SupportPage.js'));
lazyPage('authority', () => import('./AuthorityPage.js'));
lazyPage('clock', () => import('./ClockPage.js'));
