import { CardPage } from './CardPage.js';
import { CardsPage } from './CardsPage.js';
import { registerPage } from './registry.js';

function CardsRoute({ route }: { route: string[] }) {
  return route[1] ? <CardPage id={route[1]} /> : <CardsPage />;
}

registerPage({ id: 'cards', component: CardsRoute });
