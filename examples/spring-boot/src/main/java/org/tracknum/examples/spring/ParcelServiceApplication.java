package org.tracknum.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the parcel service on port 8080 against the PostgreSQL of {@code application.yml}
 * ({@code PARCEL_DATABASE_URL} overrides it):
 * {@code mvn -B -pl examples/spring-boot -am package -DskipTests && java -jar examples/spring-boot/target/parcel-service.jar}.
 */
@SpringBootApplication
public class ParcelServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ParcelServiceApplication.class, args);
    }
}
