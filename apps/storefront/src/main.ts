import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';
import { preloadLandingPage } from './app/app.routes';

preloadLandingPage(location.pathname);
bootstrapApplication(AppComponent, appConfig).catch((err) => console.error(err));
