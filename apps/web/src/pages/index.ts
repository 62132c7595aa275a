// Navigation order. One line per page; each module calls registerPage().
import './CardsRoute.js';
import './ClockPage.js';
